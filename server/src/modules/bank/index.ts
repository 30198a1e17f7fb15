export { createBankModule } from './bank.module.js';
export { createBankService } from './bank.service.js';
export type { BankService } from './bank.service.js';
export type { FormItem } from './forms.service.js';
export { seedBank } from './bank.seed.js';
export { assembleForm, bandsByEndorsement, defaultBlueprints } from './assembly.js';
export type { AssembledItem, PoolItem, Shortfall } from './assembly.js';
