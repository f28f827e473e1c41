import { readFileSync } from 'node:fs';
import { loadFileDescriptorSetFromBuffer, type PackageDefinition } from '@grpc/proto-loader';
import { descriptorSetPath } from './descriptor-set-path.js';

/**
 * The package definition server reflection serves, from a binary
 * FileDescriptorSet. proto-loader re-encodes each file through protobufjs and
 * drops its `dependency` list, so clients such as buf curl cannot link
 * `google.protobuf.Timestamp` and give up; the files are therefore replaced
 * by their original bytes from the set. Pass the services a server serves
 * as ReflectionService's `services` option, so it lists no others.
 */
export function reflectionPackage(path: string = descriptorSetPath): PackageDefinition {
  const bytes = readFileSync(path);
  const definition = loadFileDescriptorSetFromBuffer(bytes);
  const files = fileDescriptorProtos(bytes);

  for (const entry of Object.values(definition)) {
    if ('fileDescriptorProtos' in entry) entry.fileDescriptorProtos = files;
  }

  return definition;
}

/**
 * The encoded FileDescriptorProtos of a FileDescriptorSet, whose only field
 * is `repeated FileDescriptorProto file = 1` (protobuf wire format).
 */
export function fileDescriptorProtos(set: Buffer): Buffer[] {
  const files: Buffer[] = [];
  let offset = 0;

  while (offset < set.length) {
    const tag = readVarint(set, offset);
    if (tag.value !== 0x0a) throw new Error(`unexpected field tag ${tag.value} in descriptor set`);

    const length = readVarint(set, tag.next);
    const end = length.next + length.value;
    if (end > set.length) throw new Error('descriptor set is truncated');

    files.push(set.subarray(length.next, end));
    offset = end;
  }

  return files;
}

function readVarint(buffer: Buffer, start: number): { value: number; next: number } {
  let value = 0;
  let shift = 0;
  let offset = start;

  for (;;) {
    const byte = buffer[offset];
    if (byte === undefined || shift > 28) throw new Error('malformed varint in descriptor set');
    value += (byte & 0x7f) * 2 ** shift;
    offset += 1;
    if ((byte & 0x80) === 0) return { value, next: offset };
    shift += 7;
  }
}
