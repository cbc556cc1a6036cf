// The session's search_path as a list of schema names, for resolving unqualified table names
// when classifying a statement. Parsed from the text form Postgres reports (SHOW search_path
// or ParameterStatus), e.g. `"$user", public`.

export function parseSearchPath(text: string, sessionUser: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < text.length) {
    while (i < text.length && (text[i] === ' ' || text[i] === ',')) i++;
    if (i >= text.length) break;
    let name = '';
    if (text[i] === '"') {
      i++;
      while (i < text.length) {
        if (text[i] === '"') {
          if (text[i + 1] === '"') { name += '"'; i += 2; continue; }
          i++;
          break;
        }
        name += text[i];
        i++;
      }
    } else {
      while (i < text.length && text[i] !== ',') name += text[i++];
      name = name.trim().toLowerCase();
    }
    out.push(name === '$user' ? sessionUser : name);
  }
  return out;
}
