// One emulator (or more) per test: started by the test, closed after it whatever happened.
export { emulatorPerTest } from "../../src/testing/emulator-per-test.js";
