// The PAKN workflow: the state machine (transitions.ts), the staff intents with their form schemas
// (intents.ts) and the error every step may end with (errors.ts). `~/domain/workflow` is the state machine.
export * from './transitions';
