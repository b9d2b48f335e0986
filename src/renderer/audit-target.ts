// Audit targets for people: cluster ids replaced by the clusters' names (the id stays in the event's details view).

/** `target` with every known cluster id replaced by that cluster's name; unknown ids (deleted clusters) stay as they are. */
export function readableTarget(target: string, clusterNames: ReadonlyMap<string, string>): string {
  let readable = target;
  for (const [id, name] of clusterNames) if (readable.includes(id)) readable = readable.split(id).join(name);
  return readable;
}
