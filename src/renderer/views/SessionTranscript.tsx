// An exec request's transcript in the session timeline: a disclosure with stdin, stdout and stderr in order, and the truncation marker.
import { type ExecTranscript, truncationMarker } from '../../shared/ipc/access';

const LABEL = { stdin: 'in', stdout: 'out', stderr: 'err' } as const;

export function SessionTranscript({ transcript }: { transcript: ExecTranscript }) {
  const marker = truncationMarker(transcript);
  return (
    <details className="transcript">
      <summary>Transcript ({transcript.bytes} bytes)</summary>
      <pre className="code-block">
        {transcript.chunks.map((c) => (
          <span key={`${c.atMs}-${c.stream}-${c.text.length}`} className={`transcript-${c.stream}`}>
            <span className="muted">{LABEL[c.stream]}: </span>
            {c.text}
          </span>
        ))}
      </pre>
      {marker && <p className="muted">{marker}</p>}
      {transcript.note && <p className="muted">{transcript.note}</p>}
    </details>
  );
}
