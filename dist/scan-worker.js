import { createRequire as __pgCreateRequire } from 'node:module'; const require = __pgCreateRequire(import.meta.url);
import {
  fileScanner,
  scanChunks
} from "./chunks/chunk-UF4OFXPZ.js";
import "./chunks/chunk-EWAE2EHG.js";

// src/gates/live-endpoints/scan-worker.ts
import { parentPort, workerData } from "node:worker_threads";
var input = workerData;
var post = (m) => parentPort?.postMessage(m);
scanChunks(input, fileScanner(input.spec), (chunk, results) => post({ chunk, results }));
post({ done: true });
