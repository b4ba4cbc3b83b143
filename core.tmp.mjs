import { build } from 'esbuild'
import { gzipSync } from 'zlib'
for (const [e, ext] of [[process.argv[2], ['@aws-sdk/*']], [process.argv[2], ['@aws-sdk/*','zod','zod/*']]]) {
const r = await build({ entryPoints: [e], bundle: true, minify: true, write: false, format: 'esm', platform: 'node', external: ext, logLevel: 'silent' })
const code = r.outputFiles[0].text
console.log(ext.join(','), code.length, gzipSync(code, {level:9}).length)
}
