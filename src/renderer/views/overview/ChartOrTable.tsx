// A bar chart (chart.js) with an accessible name and a table view of the same figures, switched by one button.
import { BarElement, CategoryScale, Chart, LinearScale, Tooltip } from 'chart.js';
import { useId, useState } from 'react';
import { Bar } from 'react-chartjs-2';

Chart.register(BarElement, CategoryScale, LinearScale, Tooltip);

export interface ChartRow {
  label: string;
  value: number;
}

export function ChartOrTable(props: {
  name: string;
  /** Header of the label column in the table view. */
  category: string;
  valueLabel: string;
  rows: ChartRow[];
  colors?: string[];
}) {
  const [asTable, setAsTable] = useState(false);
  const tableId = useId();
  const { name, valueLabel, rows } = props;
  return (
    <figure className="overview-chart">
      <figcaption>
        {name}{' '}
        <button type="button" className="overview-link" aria-pressed={asTable} onClick={() => setAsTable(!asTable)}>
          {asTable ? 'Show chart' : 'Show table'}
        </button>
      </figcaption>
      {asTable ? (
        <table className="simple" id={tableId} aria-label={name}>
          <thead>
            <tr>
              <th scope="col">{props.category}</th>
              <th scope="col">{valueLabel}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.label}>
                <td>{r.label}</td>
                <td>{r.value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <div className="overview-canvas">
          <Bar
            role="img"
            aria-label={`${name}: ${rows.map((r) => `${r.label} ${r.value}`).join(', ')}`}
            options={{
              responsive: true,
              maintainAspectRatio: false,
              animation: false,
              plugins: { legend: { display: false } },
            }}
            data={{
              labels: rows.map((r) => r.label),
              datasets: [
                {
                  label: valueLabel,
                  data: rows.map((r) => r.value),
                  backgroundColor: props.colors ?? '#4f7bd9',
                },
              ],
            }}
          />
        </div>
      )}
    </figure>
  );
}
