// Preloaded into each cold-start process (node --require): at exit, prints the process's own CPU
// time and peak memory as one JSON line, from process.resourceUsage().
'use strict'
process.on('exit', () => {
  const u = process.resourceUsage()
  process.stdout.write('\n' + JSON.stringify({ cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000, maxRssKiB: u.maxRSS }) + '\n')
})
