// Files in the renderer without paths: reading one the user chose, and handing main's export to the browser.

/** Encodes bytes as base64 in chunks (a spread of a large array would overflow the call stack). */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}

export async function readFileBase64(file: File): Promise<string> {
  return toBase64(new Uint8Array(await file.arrayBuffer()));
}

export async function readFileText(file: File): Promise<string> {
  return file.text();
}

/** Browser mode: saves an export main handed back, through the browser's own download (it asks where, or uses Downloads). */
export function saveDownload(download: { fileName: string; mediaType: string; base64: string }): void {
  const binary = atob(download.base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type: download.mediaType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = download.fileName;
  link.click();
  // The download has started from the click; the URL is not needed after this turn.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
