#!/usr/bin/env node
// Prints how the code of a wasm file splits by Rust crate, from its "name"
// section, and the size of its data segments. The shipped build has no name
// section (wasm-opt drops it), so run it on a build without wasm-opt, such as
// build B of benches/size-steps:
//
//   node benches/wasm-crates.mjs FILE.wasm [--top 15]
//
// NOTE: before wasm-opt, code is inlined and shared differently, so the shares
// are an estimate of where the shipped bytes come from, not a measurement.

import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const SECTION_IMPORT = 2;
const SECTION_CODE = 10;
const SECTION_DATA = 11;
const IMPORT_FUNCTION = 0;

/** A cursor over wasm bytes with the binary format's LEB128 and name encodings. */
class Reader {
  constructor(bytes, position = 0) {
    this.bytes = bytes;
    this.position = position;
  }

  byte() {
    return this.bytes[this.position++];
  }

  u32() {
    let result = 0;
    let shift = 0;
    let byte;
    do {
      byte = this.byte();
      result += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    } while (byte & 0x80);
    return result;
  }

  name() {
    const length = this.u32();
    const text = Buffer.from(this.bytes.subarray(this.position, this.position + length)).toString('utf8');
    this.position += length;
    return text;
  }

  limits() {
    const flags = this.byte();
    this.u32();
    if (flags & 1) this.u32();
  }
}

function sections(bytes) {
  const reader = new Reader(bytes, 8);
  const found = [];
  while (reader.position < bytes.length) {
    const id = reader.byte();
    const size = reader.u32();
    found.push({ id, start: reader.position, size });
    reader.position += size;
  }
  return found;
}

function countImportedFunctions(bytes, section) {
  const reader = new Reader(bytes, section.start);
  let functions = 0;
  for (let count = reader.u32(); count > 0; count -= 1) {
    reader.name();
    reader.name();
    const kind = reader.byte();
    if (kind === IMPORT_FUNCTION) {
      functions += 1;
      reader.u32();
    } else if (kind === 1) {
      reader.byte();
      reader.limits();
    } else if (kind === 2) {
      reader.limits();
    } else if (kind === 3) {
      reader.byte();
      reader.byte();
    } else if (kind === 4) {
      reader.byte();
      reader.u32();
    } else {
      throw new Error(`import kind ${kind} at byte ${reader.position} is invalid, so the file is not a valid wasm module.`);
    }
  }
  return functions;
}

function functionNames(bytes, section) {
  const names = new Map();
  const reader = new Reader(bytes, section.start);
  if (reader.name() !== 'name') return names;
  const end = section.start + section.size;
  while (reader.position < end) {
    const id = reader.byte();
    const size = reader.u32();
    const next = reader.position + size;
    if (id === 1) {
      for (let count = reader.u32(); count > 0; count -= 1) {
        const index = reader.u32();
        names.set(index, reader.name());
      }
    }
    reader.position = next;
  }
  return names;
}

const PRIMITIVES = new Set([
  'bool', 'char', 'str', 'u8', 'u16', 'u32', 'u64', 'u128', 'usize', 'i8', 'i16', 'i32', 'i64', 'i128', 'isize', 'f32', 'f64',
]);

/**
 * Returns the crate that a demangled Rust name belongs to: its first path segment, or for
 * `<Type as Trait>::method` and `<impl ...>` forms, the first segment inside.
 * When that segment is a generic parameter (`T`) or a primitive type, the
 * trait's crate is taken instead.
 */
function crateOf(name) {
  const inner = name.replace(/^(<|&|mut |dyn |impl |\[|\()+/g, '');
  const segment = /^[A-Za-z_][A-Za-z0-9_]*/.exec(inner)?.[0];
  if (!segment) return '(unnamed)';
  if (/^[A-Z]/.test(segment) || PRIMITIVES.has(segment)) {
    const trait = / as ([A-Za-z_][A-Za-z0-9_]*)/.exec(inner)?.[1];
    return trait ?? '(unnamed)';
  }
  return segment;
}

function main() {
  const { values, positionals } = parseArgs({ options: { top: { type: 'string', default: '15' } }, allowPositionals: true });
  if (positionals.length !== 1) throw new Error('Give one wasm file: node benches/wasm-crates.mjs FILE.wasm');
  const bytes = readFileSync(positionals[0]);
  const all = sections(bytes);
  const imports = all.find((section) => section.id === SECTION_IMPORT);
  const code = all.find((section) => section.id === SECTION_CODE);
  const data = all.find((section) => section.id === SECTION_DATA);
  const nameSection = all.find((section) => section.id === 0 && new Reader(bytes, section.start).name() === 'name');
  if (!code) throw new Error(`${positionals[0]} has no code section.`);
  if (!nameSection) throw new Error(`${positionals[0]} has no name section, so use a build without wasm-opt, such as build B of benches/size-steps.`);

  const importedFunctions = imports ? countImportedFunctions(bytes, imports) : 0;
  const names = functionNames(bytes, nameSection);
  const byCrate = new Map();
  const reader = new Reader(bytes, code.start);
  const functionCount = reader.u32();
  for (let index = 0; index < functionCount; index += 1) {
    const bodyStart = reader.position;
    const bodySize = reader.u32();
    reader.position += bodySize;
    const crate = crateOf(names.get(importedFunctions + index) ?? '');
    byCrate.set(crate, (byCrate.get(crate) ?? 0) + (reader.position - bodyStart));
  }

  const top = Number(values.top);
  const percent = (part) => `${((part / bytes.length) * 100).toFixed(1)} %`;
  console.log(`${positionals[0]}: ${bytes.length.toLocaleString('en-US')} B in all; `
    + `code ${code.size.toLocaleString('en-US')} B (${percent(code.size)}), `
    + `data ${(data?.size ?? 0).toLocaleString('en-US')} B (${percent(data?.size ?? 0)}), `
    + `name section ${nameSection.size.toLocaleString('en-US')} B (${percent(nameSection.size)})`);
  console.log('| crate | code bytes | share of code |');
  console.log('|---|---|---|');
  const sorted = [...byCrate.entries()].sort((a, b) => b[1] - a[1]);
  for (const [crate, size] of sorted.slice(0, top)) {
    console.log(`| ${crate} | ${size.toLocaleString('en-US')} | ${((size / code.size) * 100).toFixed(1)} % |`);
  }
  const rest = sorted.slice(top).reduce((sum, [, size]) => sum + size, 0);
  if (rest > 0) console.log(`| ${sorted.length - top} other crates | ${rest.toLocaleString('en-US')} | ${((rest / code.size) * 100).toFixed(1)} % |`);
}

try {
  main();
} catch (error) {
  console.error(`wasm-crates: ${error.message}`);
  process.exit(1);
}
