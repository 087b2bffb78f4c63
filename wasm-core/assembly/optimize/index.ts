// The optimisation family's exports: seeded random numbers, NSGA-II (ask/tell), in-wasm test
// problems, hypervolume and the 1-D maximiser.
export { rngSeed, rngUniform } from './rng';
export {
  VAR_REAL, VAR_INTEGER, VAR_CATEGORICAL, NSGA_MAX_POPULATION,
  nsgaConfigure, nsgaLowerPtr, nsgaUpperPtr, nsgaKindPtr, nsgaStart, nsgaAsk, nsgaAskXPtr, nsgaTellFPtr,
  nsgaTellGPtr, nsgaTell, nsgaGeneration, nsgaPopulationSize, nsgaPopXPtr, nsgaPopFPtr, nsgaPopCVPtr,
  nsgaPopRankPtr, nsgaPopCrowdingPtr, nsgaArchiveSize, nsgaArchiveXPtr, nsgaArchiveFPtr,
} from './nsga2';
export {
  PROBLEM_ZDT1, PROBLEM_ZDT2, PROBLEM_ZDT3, PROBLEM_DTLZ2, PROBLEM_CONSTR,
  testProblemObjectives, testProblemSetup, testProblemEvaluate, testProblemRun,
} from './test-problems';
export { hvReserve, hvCompute } from './hypervolume';
export { max1dStart, max1dNext, max1dTell, max1dBestX, max1dBestF, max1dEvaluations, max1dStatus } from './max1d';
