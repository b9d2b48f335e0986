// The wizard's live check of a cluster name against the saved clusters.
import { describe, expect, it } from 'vitest';
import { clusterNameProblem } from './cluster-name';

const saved = [
  { id: 'a', name: 'Prod' },
  { id: 'b', name: 'staging' },
];

describe('clusterNameProblem', () => {
  it('catches a name already taken, ignoring case and spaces around it', () => {
    expect(clusterNameProblem(' prod ', saved)).toBe('A cluster named "Prod" already exists. Choose another name.');
  });

  it('accepts a free name, an empty one (the required check says so), and the edited cluster’s own', () => {
    expect(clusterNameProblem('prod-eu', saved)).toBeUndefined();
    expect(clusterNameProblem('', saved)).toBeUndefined();
    expect(clusterNameProblem('PROD', saved, 'a')).toBeUndefined();
  });
});
