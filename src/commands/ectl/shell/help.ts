// What `help` prints inside the shell: its own commands, how keys are found from the current
// prefix (and how to reach keys that do not start with `/`), and the keys that matter.

export const shellHelp = `ectl shell: every ectl command, typed without "ectl", over one connection.

  cd PREFIX      go into a prefix: cd /registry, cd pods, cd .., cd ../other
  cd             back to the top, where every key is taken as written
  pwd            print the current prefix
  ls [PREFIX]    the next level of keys under a prefix (split at /), with key counts
  help COMMAND   the help of an ectl command (help get, help lease grant)
  exit           end the shell (or Ctrl-D)

Keys: a key that starts with / is taken as written (get /registry/pods/a). Any other key given
to get, put, del, watch, lock or elect is taken under the current prefix: in /registry/,
"get pods/a" reads /registry/pods/a. Keys that do not start with / ("foo", "app/config") are
reached from the top: a bare "cd" goes there (the prompt then shows no prefix), and there every
key is taken as written. Flag values (--from-key, --lease...) and the lines of txn -i are always
taken as written.

Words are split as a POSIX shell splits them ('...', "...", backslash, # comments); there are no
pipes, redirections or variables. Connection flags belong on the "ectl shell" line.

Keys: Tab completes commands, flags and keys (relative ones too); Up/Down and Ctrl-R walk the
history (kept in $XDG_STATE_HOME/ectl/history, never lines that carry a password). Ctrl-C clears
the line, or ends the running command (watch, lock: released) and comes back to the prompt.
`;
