/**
 * The preload script: exposes `window.tracker`, built from the contract, into the isolated renderer.
 * Bundled to one CommonJS file because sandboxed preloads cannot load ES modules or npm packages.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { buildBridge } from './build-bridge.ts';

contextBridge.exposeInMainWorld('tracker', buildBridge(ipcRenderer));
