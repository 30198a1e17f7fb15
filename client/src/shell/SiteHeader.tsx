import { Link, NavLink } from 'react-router-dom';
import { hasAnyRole } from '@exam/shared/api';
import { AssociationBrand } from '../features/associations';
import { AssociationSwitcher, destinations, LogoutButton, useSession } from '../features/auth';
import { SITE_NAME } from '../ui/Page';

/**
 * The site name, the navigation the user's roles allow, who is signed in and the association
 * they act for (with a switcher for someone who works for several).
 */
export function SiteHeader() {
  const { state } = useSession();
  const user = state.status === 'signed-in' ? state.session.user : null;
  const links = user ? destinations.filter((d) => hasAnyRole(user.roles, d.roles)) : [];

  return (
    <header className="site-header">
      <div className="site-header-inner">
        <Link to="/" className="site-name">
          {SITE_NAME}
        </Link>
        {/* The candidate's pages carry the letterhead of the association that enrolled them. */}
        {user?.roles.includes('candidate') && <AssociationBrand />}
        {user && (
          <>
            <nav aria-label="Main">
              <ul>
                <li>
                  <NavLink to="/" end>
                    Home
                  </NavLink>
                </li>
                {links.map((d) => (
                  <li key={d.to}>
                    <NavLink to={d.to}>{d.label}</NavLink>
                  </li>
                ))}
              </ul>
            </nav>
            <div className="account">
              <span>
                Signed in as <strong className="user-name">{user.displayName}</strong>
              </span>
              <AssociationSwitcher user={user} />
              <Link to="/account">Your account</Link>
              <LogoutButton />
            </div>
          </>
        )}
      </div>
    </header>
  );
}
