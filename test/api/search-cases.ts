/**
 * The CQL table for test/api/search.test.ts. `{Title}` in a query stands for that item's id, `{att:Title}`
 * for its Cloud form. Expected results are titles (compared as sets unless `ordered`), or the exact
 * message of the 400. Queries run as alice unless `as` says otherwise; alice cannot see bob's private
 * space BOBS, so "Bob private Home" and "Secret Plan" appear only for bob and the admin.
 */

export type Searcher = 'alice' | 'bob' | 'admin';

export interface CqlCase {
  cql: string;
  expect: readonly string[] | { error: string };
  as?: Searcher;
  cqlcontext?: string;
  ordered?: boolean;
}

const devPages = [
  'Development Home',
  'Architecture Overview',
  'Database Design',
  'Index Tuning',
  'API Guide',
  'Release Notes 2024',
];
const devBlogs = ['Weekly Update', 'Launch Announcement'];
const devAttachments = ['report-q1.pdf', 'diagram.png', 'notes.txt', 'schema.txt'];
const comment = 'Re: Architecture Overview';
const opsPages = ['Operations Runbooks Home', 'Runbook Restart', 'Incident Report'];
const opsAll = [...opsPages, 'timeline.txt'];
const attachments = [...devAttachments, 'timeline.txt'];
const pages = [...devPages, ...opsPages];
/** Everything current that alice may see. */
export const visibleToAlice = [...devPages, ...devBlogs, ...devAttachments, comment, ...opsAll];
const privateContent = ['Bob private Home', 'Secret Plan'];
const allCurrent = [...visibleToAlice, ...privateContent];
const except = (from: readonly string[], ...removed: string[]) =>
  from.filter((title) => !removed.includes(title));
const aliceCreated = [
  'Database Design',
  'Launch Announcement',
  'Operations Runbooks Home',
  'Runbook Restart',
];
const belowOverview = ['Database Design', 'Index Tuning', 'API Guide', ...devAttachments, comment];
const error = (message: string) => ({ error: message });

export const cqlCases: readonly CqlCase[] = [
  // The worked examples of cql.md §4.
  {
    cql: 'type = attachment AND container = {Architecture Overview}',
    expect: ['report-q1.pdf', 'diagram.png', 'notes.txt'],
  },
  { cql: 'type = attachment AND space = DEV AND created >= now("-4w")', expect: devAttachments },
  { cql: 'type = attachment AND title ~ "report*"', expect: ['report-q1.pdf'] },
  { cql: 'type = attachment AND label = contract AND creator = currentUser()', expect: [] },
  {
    cql: 'type = attachment AND label = contract AND creator = currentUser()',
    as: 'admin',
    expect: ['report-q1.pdf'],
  },
  {
    cql: 'type = attachment AND ancestor = {Architecture Overview} ORDER BY lastmodified DESC',
    expect: ['schema.txt', 'notes.txt', 'diagram.png', 'report-q1.pdf'],
    ordered: true,
  },
  { cql: '(type = page AND space = DEV) OR (type = blogpost AND creator = "557058:abc")', expect: devPages },
  // Other examples quoted in cql.md.
  {
    cql: 'space = OPS order by created desc, title',
    expect: ['timeline.txt', 'Incident Report', 'Runbook Restart', 'Operations Runbooks Home'],
    ordered: true,
  },
  { cql: 'title ~ "win*"', expect: [] },
  { cql: 'text ~ "win*"', expect: ['Release Notes 2024'] },
  { cql: 'text ~ "\\"advanced search\\""', expect: ['Database Design'] },
  { cql: 'text ~ "advanced search*"', expect: ['Database Design', 'Index Tuning'] },
  { cql: 'text ~ "queues~"', expect: ['Architecture Overview', 'Launch Announcement', 'Incident Report'] },
  { cql: "siteSearch ~ 'workers'", expect: ['Architecture Overview', 'Runbook Restart', comment] },
  { cql: "space IN (favouriteSpaces(), 'OPS')", expect: opsAll },
  { cql: 'space IN favouriteSpaces()', expect: [] },
  { cql: 'space NOT IN favouriteSpaces()', expect: visibleToAlice },
  { cql: 'title = "\\"API Guide\\""', expect: ['API Guide'] },
  { cql: 'created >= 2014-09-01 and type = blogpost', expect: devBlogs },
  { cql: 'type = page and created >= startOfDay("-7d") and space = OPS', expect: opsPages },
  { cql: 'lastmodified > endOfWeek("-1w") and type = comment', expect: [comment] },
  { cql: 'label != contract', expect: except(visibleToAlice, 'report-q1.pdf', 'Incident Report') },
  {
    cql: "type=attachment and container='{Architecture Overview}' and lastmodified >= '2024-01-15 10:30'",
    expect: ['report-q1.pdf', 'diagram.png', 'notes.txt'],
  },
  {
    cql: "type=attachment and container='{Architecture Overview}' and title!~'*.png'",
    expect: ['report-q1.pdf', 'notes.txt'],
  },
  { cql: 'macro = jira', expect: ['Architecture Overview'] },
  { cql: 'id IN recentlyViewedContent(10)', expect: [] },
  { cql: 'space IN recentlyViewedSpaces(5)', expect: [] },
  { cql: 'space = currentSpace()', cqlcontext: '{"spaceKey":"OPS"}', expect: opsAll },
  // type
  { cql: 'type = page', expect: pages },
  { cql: 'type = blogpost', expect: devBlogs },
  { cql: 'type = comment', expect: [comment] },
  { cql: 'type = attachment', expect: attachments },
  { cql: 'TYPE = PAGE', expect: pages },
  { cql: 'type in (page, blogpost)', expect: [...pages, ...devBlogs] },
  { cql: 'type not in (page, blogpost)', expect: [...attachments, comment] },
  { cql: 'type != attachment', expect: except(visibleToAlice, ...attachments) },
  { cql: 'type = whiteboard', expect: [] },
  { cql: 'type in (folder, blogpost)', expect: devBlogs },
  { cql: 'type = page', as: 'bob', expect: [...pages, 'Bob private Home', 'Secret Plan'] },
  // space and its sub-fields
  { cql: 'space = OPS', expect: opsAll },
  { cql: 'space = ops', expect: opsAll },
  { cql: 'space = "OPS"', expect: opsAll },
  { cql: 'space != DEV', expect: opsAll },
  { cql: 'space in (DEV, OPS) and type = blogpost', expect: devBlogs },
  { cql: 'space not in (DEV)', expect: opsAll },
  { cql: 'space = NOPE', expect: [] },
  { cql: 'space = BOBS', expect: [] },
  { cql: 'space = BOBS', as: 'bob', expect: privateContent },
  { cql: 'space = BOBS', as: 'admin', expect: privateContent },
  { cql: 'space.key = OPS', expect: opsAll },
  { cql: 'space.key in (OPS, NOPE)', expect: opsAll },
  { cql: 'space.key != OPS and type = page', expect: devPages },
  { cql: 'space.title ~ "operations"', expect: opsAll },
  { cql: 'space.title ~ "RUNBOOK*"', expect: opsAll },
  { cql: 'space.title !~ "development" and type = page', expect: opsPages },
  { cql: 'space.title ~ "nothing"', expect: [] },
  { cql: 'space.type = global and type = blogpost', expect: devBlogs },
  { cql: 'space.type = personal', expect: [] },
  { cql: 'space.type in (favourite, favorite)', expect: [] },
  { cql: 'space.type != personal and space = OPS', expect: opsAll },
  { cql: 'space.category = engineering', expect: [] },
  { cql: 'space.category != engineering and type = comment', expect: [comment] },
  { cql: 'space = currentSpace() and type = page', cqlcontext: '{"spaceKey":"DEV"}', expect: devPages },
  { cql: 'space != currentSpace()', cqlcontext: '{"spaceKey":"DEV"}', expect: opsAll },
  // title
  { cql: 'title = "API Guide"', expect: ['API Guide'] },
  { cql: 'title = "api guide"', expect: ['API Guide'] },
  { cql: 'title = API', expect: [] },
  { cql: 'title != "API Guide" and space = OPS', expect: opsAll },
  { cql: 'title in ("API Guide", "Index Tuning", "missing")', expect: ['API Guide', 'Index Tuning'] },
  {
    cql: 'title not in ("API Guide") and type = page and space = DEV',
    expect: except(devPages, 'API Guide'),
  },
  { cql: 'title ~ report', expect: ['Incident Report', 'report-q1.pdf'] },
  { cql: 'title ~ "report*"', expect: ['Incident Report', 'report-q1.pdf'] },
  { cql: 'title ~ "REPO*"', expect: ['Incident Report', 'report-q1.pdf'] },
  { cql: 'title ~ "design overview"', expect: [] },
  { cql: 'title ~ "architecture overview"', expect: ['Architecture Overview', comment] },
  { cql: 'title ~ "\\"overview architecture\\""', expect: [] },
  { cql: 'title ~ "*.png"', expect: ['diagram.png'] },
  { cql: 'title ~ "*.TXT"', expect: ['notes.txt', 'schema.txt', 'timeline.txt'] },
  { cql: 'title ~ "*a?.txt"', expect: [] },
  { cql: 'title ~ "*e?.txt"', expect: ['notes.txt'] },
  { cql: 'title ~ "*"', expect: visibleToAlice },
  { cql: 'title ~ "*"', as: 'admin', expect: allCurrent },
  { cql: 'title ~ "*_*"', expect: [] },
  { cql: 'title ~ "*%"', expect: [] },
  { cql: 'title !~ "*.txt" and type = attachment', expect: ['report-q1.pdf', 'diagram.png'] },
  {
    cql: 'title !~ "overview" and space = DEV and type = page',
    expect: except(devPages, 'Architecture Overview'),
  },
  { cql: 'title ~ "ind?x"', expect: ['Index Tuning'] },
  { cql: 'title ~ "2024"', expect: ['Release Notes 2024'] },
  { cql: 'title ~ "..."', expect: [] },
  // text
  { cql: 'text ~ queues', expect: ['Architecture Overview', 'Launch Announcement', 'Incident Report'] },
  {
    cql: 'text ~ queues',
    as: 'admin',
    expect: ['Architecture Overview', 'Launch Announcement', 'Incident Report', 'Secret Plan'],
  },
  { cql: 'text ~ "QUEUES"', expect: ['Architecture Overview', 'Launch Announcement', 'Incident Report'] },
  { cql: 'text ~ "queues workers"', expect: ['Architecture Overview'] },
  { cql: 'text ~ "queue"', expect: [] },
  { cql: 'text ~ "queue*"', expect: ['Architecture Overview', 'Launch Announcement', 'Incident Report'] },
  { cql: 'text ~ cafe', expect: ['Index Tuning'] },
  { cql: 'text ~ "café"', expect: ['Index Tuning'] },
  { cql: 'text ~ contract', expect: ['report-q1.pdf', 'Incident Report'] },
  { cql: 'text ~ "notes.txt"', expect: ['notes.txt'] },
  { cql: 'text ~ "report"', expect: ['Weekly Update', 'Incident Report', 'report-q1.pdf'] },
  { cql: 'text !~ "report" and type = blogpost', expect: ['Launch Announcement'] },
  { cql: 'text ~ "\\"the queues\\""', expect: ['Launch Announcement', 'Incident Report'] },
  { cql: 'text ~ "\\"queues the\\""', expect: [] },
  { cql: 'text ~ "wins"', expect: ['Release Notes 2024'] },
  { cql: 'text ~ "win"', expect: [] },
  { cql: 'text ~ "AND OR NOT NEAR"', expect: [] },
  {
    cql: 'text ~ "queues" OR text ~ "outage"',
    expect: ['Architecture Overview', 'Launch Announcement', 'Incident Report'],
  },
  { cql: 'text ~ "+-*"', expect: [] },
  { cql: 'text ~ "revised"', expect: ['API Guide'] },
  // user text is bound, never spliced into SQL or FTS5 syntax
  { cql: `title = "' OR 1=1 --"`, expect: [] },
  { cql: `label = "x') OR ('1' = '1"`, expect: [] },
  { cql: 'text ~ "\\") OR rowid > 0 OR (\\""', expect: [] },
  { cql: 'title ~ "*%\\_\\\\"', expect: [] },
  // label
  { cql: 'label = contract', expect: ['report-q1.pdf', 'Incident Report'] },
  { cql: 'label = "global:contract"', expect: ['report-q1.pdf', 'Incident Report'] },
  { cql: 'label = CONTRACT', expect: ['report-q1.pdf', 'Incident Report'] },
  { cql: 'label = contract', as: 'bob', expect: ['report-q1.pdf', 'Incident Report', 'Secret Plan'] },
  { cql: 'label in (news, design)', expect: ['Weekly Update', 'Architecture Overview'] },
  // A bare name is a global label; `my:` labels are the searcher's own.
  { cql: 'label = "my:todo"', expect: ['Weekly Update'] },
  { cql: 'label = "my:todo"', as: 'bob', expect: [] },
  { cql: 'label = todo', expect: [] },
  { cql: 'label = "my:contract"', expect: [] },
  {
    cql: 'label not in (contract, news, design, incident, architecture)',
    expect: except(
      visibleToAlice,
      'report-q1.pdf',
      'Incident Report',
      'Weekly Update',
      'Architecture Overview',
    ),
  },
  { cql: 'label = architecture and label = design', expect: ['Architecture Overview'] },
  { cql: 'label = architecture and label = news', expect: [] },
  { cql: 'label = nothing', expect: [] },
  // created / lastmodified
  { cql: 'created > "2014-09-01" and type = comment', expect: [comment] },
  { cql: 'created = "2014-09-01"', expect: [] },
  { cql: 'created != "2014-09-01" and type = comment', expect: [comment] },
  { cql: 'created < "2020/01/01"', expect: [] },
  {
    cql: 'created < 2020/01/01',
    expect: error('Reserved character "/" must be quoted to be used in a value at column 15'),
  },
  { cql: 'created <= "2020/01/01 10:00"', expect: [] },
  { cql: 'created >= now("-1h") and space = OPS', expect: opsAll },
  { cql: 'created < now("-1d")', expect: [] },
  { cql: 'created > now("+1d")', expect: [] },
  { cql: 'created < now("90m") and type = blogpost', expect: devBlogs },
  { cql: 'lastmodified >= startOfDay("-1d") and type = comment', expect: [comment] },
  { cql: 'lastModified > endOfDay()', expect: [] },
  { cql: 'LASTMODIFIED <= endOfMonth() and type = blogpost', expect: devBlogs },
  {
    cql: 'created >= startOfYear("-1y") and created <= endOfYear("+1y") and type = blogpost',
    expect: devBlogs,
  },
  { cql: 'created >= startOfWeek("-1w") and type = comment', expect: [comment] },
  { cql: 'created >= startOfMonth("-1M") and type = comment', expect: [comment] },
  { cql: 'lastmodified < startOfMonth("-1M")', expect: [] },
  // creator / contributor / mention / watcher / favourite
  { cql: 'creator = alice', expect: aliceCreated },
  { cql: 'creator = currentUser()', expect: aliceCreated },
  { cql: 'creator = "{userKey:alice}"', expect: aliceCreated },
  { cql: 'creator = "{accountId:alice}"', expect: aliceCreated },
  { cql: 'creator in (bob, nobody)', expect: [comment, 'Incident Report'] },
  {
    cql: 'creator = bob',
    as: 'bob',
    expect: [comment, 'Incident Report', 'Bob private Home', 'Secret Plan'],
  },
  { cql: 'creator != admin', expect: [...aliceCreated, comment, 'Incident Report'] },
  { cql: 'creator not in (admin, bob)', expect: aliceCreated },
  { cql: 'contributor = alice', expect: [...aliceCreated, 'API Guide'] },
  { cql: 'contributor = currentUser() and creator != currentUser()', expect: ['API Guide'] },
  { cql: 'contributor = bob', expect: [comment, 'Incident Report'] },
  { cql: 'mention = bob', expect: ['Runbook Restart'] },
  { cql: 'mention = currentUser()', as: 'bob', expect: ['Runbook Restart'] },
  { cql: 'mention = alice', expect: [] },
  { cql: 'watcher = alice', expect: ['Database Design'] },
  { cql: 'watcher = currentUser()', expect: ['Database Design'] },
  { cql: 'watcher = currentUser()', as: 'bob', expect: [] },
  { cql: 'watcher != alice and parent = {Architecture Overview}', expect: ['API Guide'] },
  { cql: 'favourite = currentUser()', expect: [] },
  { cql: 'favorite != currentUser() and type = comment', expect: [comment] },
  // ancestor / parent / container / id
  { cql: 'ancestor = {Architecture Overview}', expect: belowOverview },
  { cql: 'ancestor = {Database Design}', expect: ['Index Tuning', 'schema.txt'] },
  {
    cql: 'ancestor in ({Database Design}, {Incident Report})',
    expect: ['Index Tuning', 'schema.txt', 'timeline.txt'],
  },
  {
    cql: 'ancestor != {Architecture Overview} and space = DEV',
    expect: except([...devPages, ...devBlogs, ...devAttachments, comment], ...belowOverview),
  },
  { cql: 'ancestor = {Index Tuning}', expect: [] },
  { cql: 'ancestor in recentlyViewedContent(5, 0)', expect: [] },
  { cql: 'parent = {Architecture Overview}', expect: ['Database Design', 'API Guide'] },
  { cql: 'parent = {Database Design}', expect: ['Index Tuning'] },
  {
    cql: 'parent in ({Architecture Overview}, {Database Design})',
    expect: ['Database Design', 'API Guide', 'Index Tuning'],
  },
  {
    cql: 'parent != {Architecture Overview} and type = page and space = DEV',
    expect: ['Development Home', 'Architecture Overview', 'Index Tuning', 'Release Notes 2024'],
  },
  {
    cql: 'container = {Architecture Overview}',
    expect: ['report-q1.pdf', 'diagram.png', 'notes.txt', comment],
  },
  { cql: "container = '{Incident Report}'", expect: ['timeline.txt'] },
  { cql: 'container in ({Database Design}, {Incident Report})', expect: ['schema.txt', 'timeline.txt'] },
  { cql: 'container = {att:report-q1.pdf}', expect: [] },
  {
    cql: 'type = attachment and container != {Architecture Overview}',
    expect: ['schema.txt', 'timeline.txt'],
  },
  { cql: 'id = {Index Tuning}', expect: ['Index Tuning'] },
  { cql: 'id = {att:report-q1.pdf}', expect: ['report-q1.pdf'] },
  { cql: 'id = "ATT{report-q1.pdf}"', expect: ['report-q1.pdf'] },
  { cql: 'content = {API Guide}', expect: ['API Guide'] },
  { cql: 'id in ({API Guide}, {att:diagram.png}, {Secret Plan})', expect: ['API Guide', 'diagram.png'] },
  { cql: 'id not in ({API Guide}) and parent = {Architecture Overview}', expect: ['Database Design'] },
  { cql: 'id = {Old Draft Plan}', expect: [] },
  { cql: 'id = 999999', expect: [] },
  // macro / pageStatus
  { cql: 'macro = code', expect: ['API Guide'] },
  { cql: 'macro in (jira, code)', expect: ['Architecture Overview', 'API Guide'] },
  { cql: 'macro != jira and parent = {Architecture Overview}', expect: ['Database Design', 'API Guide'] },
  { cql: 'macro = "JIRA"', expect: ['Architecture Overview'] },
  { cql: 'macro = drawio', expect: [] },
  { cql: 'pageStatus = "Rough draft"', expect: [] },
  // Tributary's attachment extensions
  { cql: 'mediaType = "application/pdf"', expect: ['report-q1.pdf'] },
  { cql: 'mediatype = "image/png"', expect: ['diagram.png'] },
  {
    cql: 'mediaType in ("text/plain", "image/png")',
    expect: ['diagram.png', 'notes.txt', 'schema.txt', 'timeline.txt'],
  },
  { cql: 'mediaType != "text/plain" and type = attachment', expect: ['report-q1.pdf', 'diagram.png'] },
  { cql: 'filename = "notes.txt"', expect: ['notes.txt'] },
  { cql: 'filename = "API Guide"', expect: [] },
  { cql: 'filename ~ notes', expect: ['notes.txt'] },
  { cql: 'filename ~ "*.txt"', expect: ['notes.txt', 'schema.txt', 'timeline.txt'] },
  { cql: 'filename !~ "*.txt" and type = attachment', expect: ['report-q1.pdf', 'diagram.png'] },
  { cql: 'fileSize > 20', expect: ['report-q1.pdf', 'notes.txt', 'timeline.txt'] },
  { cql: 'fileSize = 12', expect: ['diagram.png', 'schema.txt'] },
  { cql: 'fileSize <= 12', expect: ['diagram.png', 'schema.txt'] },
  { cql: 'fileSize >= 26 and fileSize < 34', expect: ['report-q1.pdf'] },
  { cql: 'fileSize != 12 and type = attachment', expect: ['report-q1.pdf', 'notes.txt', 'timeline.txt'] },
  // boolean structure
  { cql: 'type = page and space = OPS or type = blogpost', expect: [...opsPages, ...devBlogs] },
  { cql: 'type = page and (space = OPS or type = blogpost)', expect: opsPages },
  { cql: 'not (type = page or type = attachment)', expect: [...devBlogs, comment] },
  { cql: 'NOT type = page AND space = OPS', expect: ['timeline.txt'] },
  { cql: 'not not type = comment', expect: [comment] },
  { cql: '((type = comment))', expect: [comment] },
  { cql: 'type = comment or type = comment', expect: [comment] },
  {
    cql: 'space = DEV and not (label = design or parent = {Architecture Overview}) and type = page',
    expect: ['Development Home', 'Index Tuning', 'Release Notes 2024'],
  },
  {
    cql: 'type = attachment and (title ~ "*.pdf" or title ~ "*.png") and not label = contract',
    expect: ['diagram.png'],
  },
  // statuses through cqlcontext
  {
    cql: 'space = DEV',
    cqlcontext: '{"contentStatuses":["trashed"]}',
    expect: ['Old Draft Plan', 'old-sketch.txt'],
  },
  {
    cql: 'title ~ "old*"',
    cqlcontext: '{"contentStatuses":["current","trashed"]}',
    expect: ['Old Draft Plan', 'old-sketch.txt'],
  },
  { cql: 'title ~ "old*"', expect: [] },
  { cql: 'type = attachment', cqlcontext: '{"contentStatuses":["trashed"]}', expect: ['old-sketch.txt'] },
  { cql: 'type = page', cqlcontext: '{"contentStatuses":["draft"]}', expect: [] },
  { cql: 'type = comment', cqlcontext: '{"spaceKey":"DEV","contentId":"1"}', expect: [comment] },
  // ORDER BY
  {
    cql: 'space = OPS order by title',
    expect: ['Incident Report', 'Operations Runbooks Home', 'Runbook Restart', 'timeline.txt'],
    ordered: true,
  },
  {
    cql: 'space = OPS order by title desc',
    expect: ['timeline.txt', 'Runbook Restart', 'Operations Runbooks Home', 'Incident Report'],
    ordered: true,
  },
  {
    cql: 'type = blogpost order by created asc',
    expect: ['Weekly Update', 'Launch Announcement'],
    ordered: true,
  },
  {
    cql: 'type = blogpost order by id desc',
    expect: ['Launch Announcement', 'Weekly Update'],
    ordered: true,
  },
  {
    cql: 'type = attachment and space = DEV order by fileSize desc, title asc',
    expect: ['notes.txt', 'report-q1.pdf', 'diagram.png', 'schema.txt'],
    ordered: true,
  },
  {
    cql: 'parent = {Architecture Overview} order by lastmodified',
    expect: ['Database Design', 'API Guide'],
    ordered: true,
  },
  {
    cql: 'space = OPS and type = page',
    expect: ['Incident Report', 'Runbook Restart', 'Operations Runbooks Home'],
    ordered: true,
  },
  // errors: syntax
  { cql: 'type =', expect: error('Expected a value after "=" at column 7') },
  {
    cql: 'type',
    expect: error('Expected an operator (=, !=, >, >=, <, <=, ~, !~, IN or NOT IN) after "type" at column 5'),
  },
  { cql: 'type = page and', expect: error('Expected a field name, "(" or NOT at column 16') },
  { cql: '(type = page', expect: error('Expected ")" to close "(" opened at column 1') },
  { cql: 'type = page)', expect: error('Unexpected ")" at column 12: there is no "(" to close') },
  { cql: 'type in (page, blogpost', expect: error('Expected ")" to close the list opened at column 9') },
  { cql: 'type in ()', expect: error('Expected a value in the list at column 10') },
  {
    cql: 'title ~ "unterminated',
    expect: error('Unterminated string starting at column 9: expected a closing "'),
  },
  { cql: 'type = page order by', expect: error('Expected a field name after ORDER BY at column 21') },
  { cql: 'type = page order title', expect: error('Expected BY after ORDER at column 19') },
  { cql: 'type == page', expect: error('Expected a value after "=" at column 7') },
  {
    cql: 'title = report*',
    expect: error('Reserved character "*" must be quoted to be used in a value at column 15'),
  },
  {
    cql: 'label = and',
    expect: error('Reserved word "and" must be quoted to be used as a value at column 9'),
  },
  { cql: 'space = DEV,', expect: error('Unexpected "," at column 12: expected AND, OR or ORDER BY') },
  // errors: fields, operators, values, functions
  { cql: 'foo = bar', expect: error('Unknown field "foo" at column 1') },
  { cql: 'user = admin', expect: error('Unknown field "user" at column 1') },
  { cql: 'text = hello', expect: error('Field "text" does not support "=" at column 1: use ~ or !~') },
  {
    cql: 'created ~ today',
    expect: error('Field "created" does not support "~" at column 1: use =, !=, >, >=, < or <='),
  },
  {
    cql: 'label > x',
    expect: error('Field "label" does not support ">" at column 1: use =, !=, IN or NOT IN'),
  },
  {
    cql: 'type ~ page',
    expect: error('Field "type" does not support "~" at column 1: use =, !=, IN or NOT IN'),
  },
  {
    cql: 'space.title = Development',
    expect: error('Field "space.title" does not support "=" at column 1: use ~ or !~'),
  },
  {
    cql: 'title > a',
    expect: error('Field "title" does not support ">" at column 1: use =, !=, ~, !~, IN or NOT IN'),
  },
  {
    cql: 'created > "yesterday"',
    expect: error(
      'Invalid date "yesterday" for field "created" at column 11: use "yyyy/MM/dd HH:mm", "yyyy-MM-dd HH:mm", "yyyy/MM/dd" or "yyyy-MM-dd", or a date function such as now("-4w")',
    ),
  },
  {
    cql: 'created = "2024-13-01"',
    expect: error(
      'Invalid date "2024-13-01" for field "created" at column 11: use "yyyy/MM/dd HH:mm", "yyyy-MM-dd HH:mm", "yyyy/MM/dd" or "yyyy-MM-dd", or a date function such as now("-4w")',
    ),
  },
  {
    cql: 'id = abc',
    expect: error(
      'Invalid content id "abc" for field "id" at column 6: expected a number such as 123, or att123 for an attachment',
    ),
  },
  {
    cql: 'ancestor = "page-1"',
    expect: error(
      'Invalid content id "page-1" for field "ancestor" at column 12: expected a number such as 123, or att123 for an attachment',
    ),
  },
  {
    cql: 'fileSize > big',
    expect: error(
      'Invalid number "big" for field "filesize" at column 12: expected a whole number such as 1048576',
    ),
  },
  {
    cql: 'fileSize ~ 10',
    expect: error('Field "filesize" does not support "~" at column 1: use =, !=, >, >=, < or <='),
  },
  {
    cql: 'space = currentUser()',
    expect: error('Function "currentUser()" cannot be used with field "space" at column 9'),
  },
  {
    cql: 'space = favouriteSpaces()',
    expect: error(
      'Function "favouriteSpaces()" returns several values: use it with IN or NOT IN, not "=", at column 9',
    ),
  },
  {
    cql: 'creator = currentUser(1)',
    expect: error('Function "currentUser()" takes no arguments, not 1, at column 11'),
  },
  {
    cql: 'created > now("-4x")',
    expect: error(
      'Invalid increment "-4x" for now() at column 15: expected an optional + or -, a whole number and one of y, M, w, d, h, m (e.g. "-4w")',
    ),
  },
  {
    cql: 'created > now("-4w", "1d")',
    expect: error('Function "now()" takes at most 1 argument, not 2, at column 11'),
  },
  { cql: 'created > someday()', expect: error('Unknown function "someday()" at column 11') },
  {
    cql: 'id in recentlyViewedContent(a)',
    expect: error(
      'Expected a quoted string or a number as an argument of recentlyViewedContent() at column 29',
    ),
  },
  {
    cql: 'id in recentlyViewedContent()',
    expect: error('Function "recentlyViewedContent()" takes 1 to 2 arguments, not 0, at column 7'),
  },
  {
    cql: 'type = page order by label',
    expect: error(
      'Cannot order by "label" at column 22: sortable fields are title, created, lastmodified, id, filename or filesize',
    ),
  },
  {
    cql: 'type = page order by text',
    expect: error(
      'Cannot order by "text" at column 22: sortable fields are title, created, lastmodified, id, filename or filesize',
    ),
  },
  {
    cql: 'type = banana',
    expect: error(
      'Unknown content type "banana" for field "type" at column 8: use page, blogpost, comment, attachment, space or user',
    ),
  },
  {
    cql: 'type in (page, potato)',
    expect: error(
      'Unknown content type "potato" for field "type" at column 16: use page, blogpost, comment, attachment, space or user',
    ),
  },
  {
    cql: 'space = currentSpace()',
    expect: error('currentSpace() needs a space: pass cqlcontext={"spaceKey":"KEY"} (column 9)'),
  },
  { cql: 'type = page', cqlcontext: '{', expect: error('cqlcontext is not valid JSON: {') },
  {
    cql: 'type = page',
    cqlcontext: '["DEV"]',
    expect: error('cqlcontext must be a JSON object such as {"spaceKey":"DEV"}'),
  },
  {
    cql: 'type = page',
    cqlcontext: '{"contentStatuses":"trashed"}',
    expect: error('cqlcontext.contentStatuses must be a non-empty list such as ["current","trashed"]'),
  },
  {
    cql: 'type = page',
    cqlcontext: '{"contentStatuses":["gone"]}',
    expect: error('Unknown content status in cqlcontext.contentStatuses: gone'),
  },
  { cql: 'type = page', cqlcontext: '{"spaceKey":7}', expect: error('cqlcontext.spaceKey must be a string') },
];
