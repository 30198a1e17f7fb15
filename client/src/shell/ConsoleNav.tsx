import { NavLink } from 'react-router-dom';

const sections = [
  { to: '/coordinator', label: 'Sittings', end: true },
  { to: '/coordinator/candidates', label: 'Candidates', end: false },
  { to: '/coordinator/bank', label: 'Item bank', end: false },
  { to: '/coordinator/forms', label: 'Forms', end: false },
  { to: '/coordinator/vignettes', label: 'Vignette sets', end: false },
  { to: '/coordinator/study-pointers', label: 'Study pointers', end: false },
  { to: '/coordinator/appeals', label: 'Appeals', end: false },
  { to: '/coordinator/retakes', label: 'Retakes', end: false },
];

/** The coordinator console's sections, on every console page. */
export function ConsoleNav() {
  return (
    <nav aria-label="Coordinator console" className="console-nav">
      <ul>
        {sections.map((s) => (
          <li key={s.to}>
            <NavLink to={s.to} end={s.end}>
              {s.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
