// The gpu facet: driver, the CUDA the driver supports, devices, nvcc, cuDNN.
import type { FacetBase } from '../types.js';

export interface GpuDevice {
  index: number;
  name: string;
  memoryMiB?: number;
  computeCapability?: string;
  migMode?: string;
}

export interface GpuFacet extends FacetBase {
  /** `vendor` is nvidia or apple for the GPUs the probe reads. */
  driver?: { vendor: string; version?: string };
  cudaDriverVersion?: string;
  devices?: GpuDevice[];
  toolkit?: { nvcc?: string };
  cudnn?: string;
}
