export { createProgrammeModule } from './programme.module.js';
export type { ProgrammeModule } from './programme.module.js';
export type { ProgrammeService } from './programme.service.js';
