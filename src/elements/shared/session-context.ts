/**
 * The context through which `<session-data>` gives its derived model to the views inside it.
 *
 * @packageDocumentation
 */
import { createContext } from '@lit/context';
import type { SessionModel } from '../../core/types.js';

/** A {@link SessionModel} shared by an enclosing `<session-data>`; `undefined` while it has none. */
export const sessionModelContext = createContext<SessionModel | undefined>(Symbol('session-model'));
