/**
 * Imported first by bench/run.ts, so the handlers' shared logger is created quiet. run.ts imports
 * other sections' modules for their result markers (bench/sla-writes.ts imports intake's adapters,
 * and with them the logger) before any section runs, and Powertools puts a level changed later
 * back to the one it was created with at every invocation: without this the in-process intake
 * section wrote every handler's INFO lines while it measured.
 */
process.env.POWERTOOLS_LOG_LEVEL ??= 'ERROR';
