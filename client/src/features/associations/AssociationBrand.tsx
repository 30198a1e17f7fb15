import { useLoad } from '../../lib/use-load';
import { getBranding } from './associations.api';

/**
 * The name and logo of the association the signed-in user acts for, for the candidate's header.
 * Nothing while loading or when there is none: branding never stands in the way of the exam.
 */
export function AssociationBrand() {
  const { state } = useLoad((signal) => getBranding(signal), []);
  if (state.status !== 'loaded' || !state.data) return null;
  const { name, logo } = state.data;
  return (
    <div className="association-brand">
      {logo && <img src={logo} alt="" className="association-brand-logo" />}
      <span className="association-brand-name">{name}</span>
    </div>
  );
}
