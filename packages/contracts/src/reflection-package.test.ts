import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { descriptorSetPath } from './descriptor-set-path.js';
import { fileDescriptorProtos, reflectionPackage } from './reflection-package.js';

describe('reflection package', () => {
  it('splits the descriptor set into its files, unchanged', () => {
    const set = readFileSync(descriptorSetPath);

    const files = fileDescriptorProtos(set);

    expect(files.length).toBeGreaterThanOrEqual(5);
    const names = files.map((file) => file.toString('latin1'));
    expect(names.some((text) => text.includes('geo/status/v1/status_service.proto'))).toBe(true);
    // The status file keeps its import, which proto-loader's re-encoding loses.
    const status = names.find((text) => text.includes('StatusService'));
    expect(status).toContain('google/protobuf/timestamp.proto');
  });

  it('keeps every symbol of the contracts', () => {
    const symbols = Object.keys(reflectionPackage());

    expect(symbols).toContain('geo.status.v1.StatusService');
    expect(symbols).toContain('geo.token.v1.TokenService');
    expect(symbols).toContain('grpc.health.v1.Health');
  });

  it('refuses bytes that are not a descriptor set', () => {
    expect(() => fileDescriptorProtos(Buffer.from([0x12, 0x01, 0x00]))).toThrow(/field tag/);
  });
});
