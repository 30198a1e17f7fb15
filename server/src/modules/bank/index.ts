export { createBankModule } from './bank.module.js';
export { createBankService } from './bank.service.js';
export type { BankService } from './bank.service.js';
export type { FormItem } from './forms.service.js';
export { importBank } from './bank.import.js';
export type { BankImportForm, BankImportItem } from './bank.import.js';
export { assembleForm, bandsByEndorsement, defaultBlueprints } from './assembly.js';
export type { AssembledItem, PoolItem, Shortfall } from './assembly.js';
