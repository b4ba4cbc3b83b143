// Fails when a page of the generated site links to a file or an anchor that is not there.
// TypeDoc validates links written in doc comments and guides; this also catches what it renders
// itself (navigation, media, cross-references) and links that escape the site folder.
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs'
import { dirname, join, relative, resolve, sep } from 'node:path'

const root = resolve(process.argv[2] ?? 'docs-site')
if (!existsSync(root)) {
  console.error(`check-links: ${root} does not exist; build the site first`)
  process.exit(1)
}

const pages = []
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) walk(path)
    else if (name.endsWith('.html')) pages.push(path)
  }
}
walk(root)

const idsCache = new Map()
const idsOf = (file) => {
  let ids = idsCache.get(file)
  if (!ids) {
    const html = readFileSync(file, 'utf8')
    ids = new Set([...html.matchAll(/\s(?:id|name)="([^"]+)"/g)].map((m) => m[1]))
    idsCache.set(file, ids)
  }
  return ids
}

const broken = []
for (const page of pages) {
  const html = readFileSync(page, 'utf8')
  for (const [, attr, raw] of html.matchAll(/\s(href|src)="([^"]*)"/g)) {
    const link = raw.replaceAll('&amp;', '&')
    if (/^[a-z][a-z0-9+.-]*:/i.test(link) || link.startsWith('//')) continue // external: http:, mailto:, data:
    const [pathPart, fragment] = link.split('#', 2)
    const target = pathPart === '' ? page : resolve(dirname(page), decodeURIComponent(pathPart.split('?')[0]))
    const where = `${relative(root, page)}: ${attr}="${raw}"`
    if (target !== root && !target.startsWith(root + sep)) broken.push(`${where} leaves the site`)
    else if (!existsSync(target) || statSync(target).isDirectory()) broken.push(`${where} does not exist`)
    else if (fragment && target.endsWith('.html') && !idsOf(target).has(decodeURIComponent(fragment)))
      broken.push(`${where} has no anchor #${fragment}`)
  }
}

if (broken.length > 0) {
  console.error(`check-links: ${broken.length} broken link(s) in ${pages.length} pages`)
  for (const line of broken) console.error(`  ${line}`)
  process.exit(1)
}
console.log(`check-links: ${pages.length} pages, every relative link resolves`)
