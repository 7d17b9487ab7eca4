// A conversation as a tree of versions: the viewed branch stays a plain list, the other versions hang off it by parent id.
//
// Why this shape: everything that reads a chat (the prompt, the list on screen, search, Markdown, voice) wants the
// branch being viewed, root to leaf. Keeping that path materialized as `messages` makes a linear chat exactly what it
// was (no other versions, no lookups) and makes every reader follow the viewed branch without knowing branches exist.
// The versions not viewed live in `otherVersions`, each with its `parentId`; together with `messages` they are the tree.

import type { Conversation, Message } from './conversation';

/** The parent key of a first message (several first messages exist once the first question is edited). */
export const ROOT = '';

export function parentKey(message: Pick<Message, 'parentId'>): string {
  return message.parentId ?? ROOT;
}

/** Every message of every version: what must be kept, exported and garbage-collected against. */
export function allMessages(conversation: Pick<Conversation, 'messages' | 'otherVersions'>): Message[] {
  return conversation.otherVersions?.length ? [...conversation.messages, ...conversation.otherVersions] : conversation.messages;
}

/** Sets each message's parent to the one before it: the migration of a saved list, and the invariant of the path. */
export function linkPath(messages: readonly Message[]): Message[] {
  return messages.map((m, i) => {
    const parentId = i === 0 ? null : (messages[i - 1]?.id ?? null);
    return m.parentId === parentId ? m : { ...m, parentId };
  });
}

/** The versions at each fork of the viewed path, by the path message's id: its siblings (itself included), oldest first. */
export interface Fork {
  /** 1-based position of the viewed version. */
  position: number;
  count: number;
  previousId?: string;
  nextId?: string;
}

export function forksOf(conversation: Pick<Conversation, 'messages' | 'otherVersions'>): Map<string, Fork> {
  const forks = new Map<string, Fork>();
  const others = conversation.otherVersions;
  if (!others?.length) return forks;
  const byParent = new Map<string, Message[]>();
  for (const m of others) {
    const key = parentKey(m);
    const list = byParent.get(key);
    if (list) list.push(m);
    else byParent.set(key, [m]);
  }
  for (const m of conversation.messages) {
    const siblings = byParent.get(parentKey(m));
    if (!siblings) continue;
    const ordered = [...siblings, m].sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
    const at = ordered.indexOf(m);
    forks.set(m.id, { position: at + 1, count: ordered.length, previousId: ordered[at - 1]?.id, nextId: ordered[at + 1]?.id });
  }
  return forks;
}

/**
 * Ends the viewed path before `index`; what followed becomes another version. At each fork inside the moved part the
 * viewed child is remembered, so coming back to this version shows the same branch below it.
 */
export function branchOff(conversation: Conversation, index: number): Conversation {
  const moved = conversation.messages.slice(index);
  if (moved.length === 0) return conversation;
  const others = conversation.otherVersions ?? [];
  const childCount = new Map<string, number>();
  for (const m of [...others, ...moved]) childCount.set(parentKey(m), (childCount.get(parentKey(m)) ?? 0) + 1);
  let viewedChild = conversation.viewedChild;
  for (const m of moved) {
    // Only forks need remembering: a parent with one child has nothing to choose.
    if ((childCount.get(parentKey(m)) ?? 0) < 2) continue;
    viewedChild = { ...viewedChild, [parentKey(m)]: m.id };
  }
  return {
    ...conversation,
    messages: conversation.messages.slice(0, index),
    otherVersions: [...others, ...moved],
    ...(viewedChild ? { viewedChild } : {}),
  };
}

/** Drops the path from `index` on, keeping nothing: for a failed answer that a retry replaces. */
export function dropFrom(conversation: Conversation, index: number): Conversation {
  return { ...conversation, messages: conversation.messages.slice(0, index) };
}

/**
 * Views `versionId`, a sibling of the path message `messageId`: the path up to the fork stays, the rest becomes
 * another version, and the path continues down the chosen version (at each fork, the child viewed last there, else
 * the newest).
 */
export function viewVersion(conversation: Conversation, messageId: string, versionId: string): Conversation {
  const index = conversation.messages.findIndex((m) => m.id === messageId);
  const current = conversation.messages[index];
  const target = conversation.otherVersions?.find((m) => m.id === versionId);
  if (!current || !target || parentKey(target) !== parentKey(current)) return conversation;
  const off = branchOff(conversation, index);
  const others = off.otherVersions ?? [];
  const viewedChild = { ...off.viewedChild };
  const path: Message[] = [target];
  for (let at: Message = target; ; ) {
    const children = others.filter((m) => m.parentId === at.id);
    if (children.length === 0) break;
    const remembered = children.find((m) => m.id === viewedChild[at.id]);
    const next = remembered ?? children.reduce((a, b) => (b.createdAt > a.createdAt ? b : a));
    path.push(next);
    at = next;
  }
  viewedChild[parentKey(target)] = target.id;
  const onPath = new Set(path.map((m) => m.id));
  return {
    ...off,
    messages: [...off.messages, ...path],
    otherVersions: others.filter((m) => !onPath.has(m.id)),
    viewedChild,
  };
}
