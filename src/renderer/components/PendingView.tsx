// A section whose feature has not been built yet: says what it will hold, and shows nothing fake.
import { type SectionId, sectionById } from '../sections';

export function PendingView({ id, plans }: { id: SectionId; plans: string[] }) {
  const section = sectionById(id);
  return (
    <div className="view">
      <header className="view-header">
        <h1>{section.label}</h1>
        <p className="muted">{section.description}</p>
      </header>
      <div className="empty-state" data-testid="pending-view">
        <p className="badge">Not built yet</p>
        <p>This section will hold:</p>
        <ul>
          {plans.map((plan) => (
            <li key={plan}>{plan}</li>
          ))}
        </ul>
      </div>
    </div>
  );
}
