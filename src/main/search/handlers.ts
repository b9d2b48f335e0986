// IPC handler of the palette's search channel.
import type { Handlers } from '../ipc/dispatch';
import type { SearchService } from './service';

export function searchHandlers(search: SearchService): Pick<Handlers, 'search:query'> {
  return { 'search:query': ({ text, limit }) => search.query(text, limit) };
}
