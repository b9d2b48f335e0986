// The wizard's live name check: cluster names are unique regardless of case, as main's store enforces at save.

/** Why `name` cannot be used, or undefined when it is free (the cluster being edited may keep its own). */
export function clusterNameProblem(
  name: string,
  clusters: { id: string; name: string }[],
  editingId?: string,
): string | undefined {
  const wanted = name.trim().toLowerCase();
  if (!wanted) return undefined;
  const clash = clusters.find((c) => c.id !== editingId && c.name.trim().toLowerCase() === wanted);
  return clash ? `A cluster named "${clash.name}" already exists. Choose another name.` : undefined;
}
