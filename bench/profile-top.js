#!/usr/bin/env node
/**
 * The top entries of a V8 .cpuprofile (BENCH_CPU_PROF=<dir> writes one per server at its exit): self
 * time per function (name, file:line), as a share of all samples, idle excluded; then the same
 * grouped by package (node_modules/<name>, dist/src/<module>, node internals) so "how much is Nest,
 * class-validator, pg, our pricing" reads at a glance; then, with --inclusive, the functions by the
 * share of samples they are on the stack for (themselves and what they call: "ValidationPipe.transform
 * costs 10 %").
 *
 *   node bench/profile-top.js /tmp/prof/CPU.*.cpuprofile [--top 30] [--inclusive]
 */
'use strict';
const { readFileSync } = require('node:fs');

const args = process.argv.slice(2);
const topAt = args.indexOf('--top');
const TOP = topAt >= 0 ? Number(args.splice(topAt, 2)[1]) : 30;
const inclusiveAt = args.indexOf('--inclusive');
const INCLUSIVE = inclusiveAt >= 0 && args.splice(inclusiveAt, 1).length === 1;

function packageOf(url) {
  if (!url) return '(native/builtin)';
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (nm) return nm[1];
  const src = /dist\/src\/([^/]+(?:\/[^/.]+)?)/.exec(url);
  if (src) return `src/${src[1].replace(/\.js$/, '')}`;
  if (url.startsWith('node:')) return url.split('/')[0];
  return url.replace(/^file:\/\//, '');
}

function keyOf(callFrame) {
  const where = callFrame.url ? `${callFrame.url.replace(/^.*\/(node_modules|dist)\//, '$1/')}:${callFrame.lineNumber + 1}` : '';
  return `${callFrame.functionName || '(anonymous)'} ${where}`;
}

/** Samples per function counted once for each sample it is on the stack of (idle excluded). */
function inclusiveCounts(profile, byId, hits) {
  const parent = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const counts = new Map();
  for (const [id, count] of hits) {
    if (byId.get(id).callFrame.functionName === '(idle)') continue;
    const seen = new Set();
    for (let at = id; at !== undefined; at = parent.get(at)) seen.add(keyOf(byId.get(at).callFrame));
    for (const key of seen) counts.set(key, (counts.get(key) ?? 0) + count);
  }
  return counts;
}

for (const file of args) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const hits = new Map();
  for (const id of profile.samples) hits.set(id, (hits.get(id) ?? 0) + 1);
  let total = 0;
  const fns = new Map();
  const pkgs = new Map();
  for (const [id, count] of hits) {
    const { callFrame } = byId.get(id);
    if (callFrame.functionName === '(idle)') continue;
    total += count;
    const key = keyOf(callFrame);
    fns.set(key, (fns.get(key) ?? 0) + count);
    const pkg = ['(garbage collector)', '(program)'].includes(callFrame.functionName) ? callFrame.functionName : packageOf(callFrame.url);
    pkgs.set(pkg, (pkgs.get(pkg) ?? 0) + count);
  }
  const pct = (n) => `${((100 * n) / total).toFixed(1).padStart(5)} %`;
  console.log(`${file}: ${total} samples (idle excluded)`);
  console.log('  self time by function:');
  for (const [k, n] of [...fns].sort((a, b) => b[1] - a[1]).slice(0, TOP)) console.log(`  ${pct(n)}  ${k}`);
  console.log('  self time by package:');
  for (const [k, n] of [...pkgs].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(`  ${pct(n)}  ${k}`);
  if (!INCLUSIVE) continue;
  console.log('  inclusive time by function (on the stack):');
  const inclusive = [...inclusiveCounts(profile, byId, hits)].filter(([k]) => !k.startsWith('(root)'));
  for (const [k, n] of inclusive.sort((a, b) => b[1] - a[1]).slice(0, TOP)) console.log(`  ${pct(n)}  ${k}`);
}
