// Entry point of Gate D's scan workers (dist/scan-worker.js): reads and matches the chunks it claims.
import { parentPort, workerData } from 'node:worker_threads';
import { fileScanner, scanChunks, type WorkerInput, type WorkerMessage } from './scan-files.js';

const input = workerData as WorkerInput;
const post = (m: WorkerMessage) => parentPort?.postMessage(m);
scanChunks(input, fileScanner(input.spec), (chunk, results) => post({ chunk, results }));
post({ done: true });
