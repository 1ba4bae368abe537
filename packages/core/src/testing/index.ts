/**
 * Contract test suites for every port, and builders for tests.
 *
 * @packageDocumentation
 */
export {};
