/** The raftsim version written into trace files; a test keeps it equal to package.json's. */
export const RAFTSIM_VERSION = '0.1.0';
