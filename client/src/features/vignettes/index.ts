/** Part Two vignette sets, as the server's vignettes module. */
export { VignetteSetEditorPage } from './VignetteSetEditorPage';
export { VignetteSetsPage } from './VignetteSetsPage';
export { listVignetteSets } from './vignettes.api';
