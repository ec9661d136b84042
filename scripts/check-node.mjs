// Fails early and clearly on a Node.js older than the one paperguard supports.
const major = Number(process.versions.node.split('.')[0]);
if (major < 20) {
  console.error(`paperguard needs Node.js >= 20; this is ${process.version}.`);
  process.exit(1);
}
