/**
 * A page's or blog post's body in storage format (the XHTML where `<ri:attachment>` references live),
 * through v1 `GET /content/{id}?expand=body.storage`, which Cloud, Data Center and Tributary all answer.
 */
import { jsonObject } from './attachment.ts';
import { type ClientContext, segment } from './context.ts';
import { UnexpectedResponseError } from './errors.ts';

export interface StorageBody {
  id: string;
  title: string;
  /** The space key, when the server said. */
  spaceKey: string | undefined;
  /** The storage-format XHTML; empty for content without a body. */
  storage: string;
}

export async function getStorageBody(
  context: ClientContext,
  id: string,
  signal?: AbortSignal,
): Promise<StorageBody> {
  const { http, server } = context;
  const path = `${server.v1}/content/${segment(id)}`;
  const raw = jsonObject(await http.json('GET', path, { query: { expand: 'body.storage,space' }, signal }));
  if (raw.id === undefined) throw new UnexpectedResponseError(`GET ${path}`, 'content without an id');
  const storage = jsonObject(jsonObject(raw.body).storage).value;
  const spaceKey = jsonObject(raw.space).key;
  return {
    id: String(raw.id),
    title: typeof raw.title === 'string' ? raw.title : '',
    spaceKey: typeof spaceKey === 'string' ? spaceKey : undefined,
    storage: typeof storage === 'string' ? storage : '',
  };
}
