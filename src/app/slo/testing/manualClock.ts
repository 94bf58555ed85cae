/** SLO tests run alone on the clock, so its sleeps simply move it. */
export { SteppingClock as ManualClock } from '../../../adapters/local/clocks.js';
