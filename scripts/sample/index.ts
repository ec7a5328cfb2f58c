/**
 * The sample-program generator: `generateProgram` streams records, `writeProgram` writes
 * a program to a folder.
 * @module
 */
export { FRAUD_TYPES, generateProgram } from './generate.js';
export type { FraudType, ProgramOptions, ProgramRecord, SampleProgram } from './generate.js';
export { writeProgram } from './write.js';
export type { ProgramSummary, WriteProgramOptions } from './write.js';
