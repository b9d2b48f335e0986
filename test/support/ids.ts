// Test helper: branded identifiers for fixed test data (production gets them from the schemas or the database).
import type { ClusterId } from '../../src/shared/clusters';

export function testClusterId(id: string): ClusterId {
  return id as ClusterId;
}
