export { createVignettesModule } from './vignettes.module.js';
export { createVignettesService } from './vignettes.service.js';
export type { VignettesService, VignetteSetWithVignettes } from './vignettes.service.js';
export { importVignetteSets } from './vignettes.import.js';
export type { VignetteSetImport } from './vignettes.import.js';
export type { VignetteAuthoring, VignetteSetUsage } from './vignette-authoring.service.js';
