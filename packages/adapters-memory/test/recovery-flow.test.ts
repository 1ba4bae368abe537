/**
 * The shared recovery flow suite (`describeRecoveryFlow` of `@cognito-recovery/core/testing`) on the
 * memory composition: every capability (manual clock, SMS read back from the outbox).
 */
import { describeRecoveryFlow, describeSignInFlow } from '@cognito-recovery/core/testing';
import { aHarness } from './harness.js';

describeRecoveryFlow('memory adapters', () => aHarness({ pool: null }));
describeSignInFlow('memory adapters', () => aHarness({ pool: null }));
