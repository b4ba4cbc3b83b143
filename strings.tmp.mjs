import { build } from 'esbuild'
import { gzipSync } from 'zlib'
const r = await build({ entryPoints: [process.argv[2]], bundle: true, minify: true, write: false, format: 'esm', platform: 'node', external: ['@aws-sdk/*', 'zod', 'zod/*'], logLevel: 'silent' })
const code = r.outputFiles[0].text
const strs = code.match(/`(?:[^`\\]|\\.)*`|"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g) || []
const s = strs.join('\n')
console.log('code', code.length, 'gz', gzipSync(code, {level:9}).length)
console.log('strings', s.length, 'gz', gzipSync(s,{level:9}).length)
const stripped = code.replace(/`(?:[^`\\]|\\.)*`|"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, '""')
console.log('code without strings', stripped.length, 'gz', gzipSync(stripped,{level:9}).length)
