// Roster services: load → decide (core) → persist → audit, one transaction per change.
// Split along its sections; this file stays the module entry that callers import.
export { listMembers, getMember, revealMember, updateProfile } from './roster-members.service.ts';
export { exportMembers } from './roster-export.service.ts';
export { structure, structureOf, structureWorkbook } from './roster-structure.service.ts';
export { startImport, getImport, importErrorWorkbook } from './roster-imports.service.ts';
export { listTransfers, getTransfer, createTransfer, actOnTransfer } from './roster-transfers.service.ts';
export { myRecord } from './roster-self-service.service.ts';
export { transferLetter } from './roster-letters.service.ts';
