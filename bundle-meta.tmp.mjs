import { build } from 'esbuild'
const entry = process.argv[2]
const r = await build({ entryPoints: [entry], bundle: true, minify: true, write: false, metafile: true, format: 'esm', platform: 'node', external: ['@aws-sdk/*', 'zod', 'zod/*'], logLevel: 'silent' })
const out = Object.values(r.metafile.outputs)[0]
const rows = Object.entries(out.inputs).map(([k, v]) => [v.bytesInOutput, k]).sort((a, b) => b[0] - a[0])
let total = 0
for (const [b, k] of rows) { total += b; console.log(String(b).padStart(7), k) }
console.log('total', total)
