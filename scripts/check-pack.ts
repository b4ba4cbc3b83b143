// `npm run check:package` (after the build): the published tarball holds exactly what a user
// needs — the built code and declarations, README, LICENSE and the README's images — and
// nothing else (no sources, tests, source maps or examples). Every image the README shows is an
// absolute URL into the published package, so it renders on the package page, and that file
// is in the tarball.
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'

const IMAGE_BASE = 'https://unpkg.com/sortkey/'
const EXPECTED = [
  'LICENSE',
  'README.md',
  'dist/cli.js',
  'dist/index.cjs',
  'dist/index.d.cts',
  'dist/index.d.ts',
  'dist/index.js',
  'dist/testing.cjs',
  'dist/testing.d.cts',
  'dist/testing.d.ts',
  'dist/testing.js',
  'docs/game-player-view.png',
  'package.json',
  'testing/package.json',
]

const problems: string[] = []
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
const [packed] = JSON.parse(execFileSync(npm, ['pack', '--dry-run', '--json', '--ignore-scripts'], { encoding: 'utf8' })) as [
  { files: { path: string; size: number }[]; size: number; unpackedSize: number },
]
const files = packed.files.map((file) => file.path).sort()
for (const path of files) if (!EXPECTED.includes(path)) problems.push(`the tarball holds ${path}, which it should not (or add it to scripts/check-pack.ts)`)
for (const path of EXPECTED) if (!files.includes(path)) problems.push(`the tarball lacks ${path}`)

const readme = readFileSync('README.md', 'utf8')
const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)[^)]*\)|<img[^>]+src="([^"]+)"/g)].map((match) => match[1] ?? match[2] ?? '')
for (const url of images) {
  if (!url.startsWith(IMAGE_BASE)) {
    problems.push(`README image ${url} does not render on the package page: use ${IMAGE_BASE}<path> and ship the file`)
  } else if (!files.includes(url.slice(IMAGE_BASE.length))) {
    problems.push(`README image ${url}: ${url.slice(IMAGE_BASE.length)} is not in the tarball (package.json "files")`)
  }
}

const license = (JSON.parse(readFileSync('package.json', 'utf8')) as { license?: string }).license
if (license !== 'MIT' || !readFileSync('LICENSE', 'utf8').startsWith('MIT License')) problems.push('package.json says MIT and LICENSE must be the MIT License')

if (problems.length > 0) {
  for (const problem of problems) console.error(`check-pack: ${problem}`)
  process.exit(1)
}
console.log(`check-pack: ${files.length} files, ${packed.size} bytes packed (${packed.unpackedSize} unpacked); ${images.length} README image(s) shipped`)
