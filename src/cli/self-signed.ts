// Throw-away certificates for the tour and the CLI's tests: the generator lives with the emulator
// (typed-secrets/emulator exports it as testCertificate), which imports nothing but node: built-ins.
export { createTestCertificates, type KeyAndCertificate } from "../emulator/test-certificate.js";
