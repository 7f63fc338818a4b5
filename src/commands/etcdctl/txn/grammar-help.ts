// The txn grammar in words: `txn --help` and the interactive editor's `?` show it.

/** A compact description of comparison and request lines. */
export const grammarHelp = `A transaction is three sections, each ended by an empty line:
  1. compares: all must hold for the success requests to run
  2. success requests (get, put, del)
  3. failure requests (get, put, del), run when a compare does not hold

Compare lines:  <target>("<key>") <op> "<value>"
  targets  ver|version, c|create, m|mod (decimal numbers), val|value (bytes),
           lease (a lease ID in hexadecimal, 0 for none)
  ops      =  !=  <  >
  keys and values are Go strings: "a\\tb\\x00\\u00e9", or \`raw\` between back quotes
  e.g.     mod("key1") > "0"        val("cfg") = "v1"        ver("lock") = "0"

Request lines: get, put or del with their own flags and arguments, e.g.
  put key1 "overwrote key1" --prev-kv
  put session "alive" --lease 694d7a1b2c3d4e5f
  get --prefix app/ --keys-only
  del a c --range
  Words with spaces go in "double quotes" (Go escapes) or 'single quotes' (taken as is).
`;
