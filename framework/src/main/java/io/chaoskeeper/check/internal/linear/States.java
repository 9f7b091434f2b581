package io.chaoskeeper.check.internal.linear;

import java.util.Arrays;
import java.util.Objects;

/**
 * The model states a search has met, interned to ints so the inner loop compares ints. Each state is charged with
 * what it keeps ({@link Footprint#state}); the index costs 16–24 bytes a state (its slot in a page, its hash, two to four slots
 * of an open-addressing table at most half full) where a {@code HashMap<S, Integer>} with an
 * {@code ArrayList} took about 60 (a node, a boxed id, table and list slots), next to kv states of a hundred bytes.
 *
 * @param <S> the model's state type
 */
final class States<S> {

    private static final int PAGE_BITS = 12;
    private static final int PAGE = 1 << PAGE_BITS;
    private static final int IN_PAGE = PAGE - 1;
    private static final int FIRST = 16;

    private final Account account;
    private Object[][] pages = new Object[4][];
    private int[][] hashes = new int[4][];
    private int capacity;
    private int[] table = new int[FIRST * 2]; // id + 1, 0 empty
    private int size;

    States(Account account) {
        this.account = account;
        account.charge(Footprint.array(4, table.length) + 2 * Footprint.array(4, pages.length));
    }

    /** The id of {@code state}, interning it if new. */
    int intern(S state) {
        int h = Objects.hashCode(state);
        int mask = table.length - 1;
        int i = Mix.index(h, mask);
        for (int id = table[i] - 1; id >= 0; id = table[i] - 1) {
            if (hashes[id >>> PAGE_BITS][id & IN_PAGE] == h 
                    && Objects.equals(pages[id >>> PAGE_BITS][id & IN_PAGE], state)) {
                return id;
            }
            i = (i + 1) & mask;
        }
        account.charge(Footprint.state(state));
        if (size == capacity) {
            grow();
        }
        int id = size++;
        pages[id >>> PAGE_BITS][id & IN_PAGE] = state;
        hashes[id >>> PAGE_BITS][id & IN_PAGE] = h;
        table[i] = id + 1;
        if (2 * size > table.length) {
            rehash();
        }
        return id;
    }

    /** The state interned as {@code id}. */
    @SuppressWarnings("unchecked")
    S get(int id) {
        return (S) pages[id >>> PAGE_BITS][id & IN_PAGE];
    }

    int size() {
        return size;
    }

    /** Room for more states: the first page doubles up to a full page, after that a new full page. */
    private void grow() {
        int page = size >>> PAGE_BITS;
        int entries = page == 0 ? (capacity == 0 ? FIRST : capacity * 2) : PAGE;
        if (page == pages.length) {
            account.charge(2 * Footprint.array(4, page * 2L));
            pages = Arrays.copyOf(pages, page * 2);
            hashes = Arrays.copyOf(hashes, page * 2);
            account.release(2 * Footprint.array(4, page));
        }
        account.charge(2 * Footprint.array(4, entries));
        if (page == 0 && capacity > 0) {
            pages[0] = Arrays.copyOf(pages[0], entries);
            hashes[0] = Arrays.copyOf(hashes[0], entries);
            account.release(2 * Footprint.array(4, capacity));
        } else {
            pages[page] = new Object[entries];
            hashes[page] = new int[entries];
        }
        capacity = page * PAGE + entries;
    }

    private void rehash() {
        account.charge(Footprint.array(4, table.length * 2L));
        account.release(Footprint.array(4, table.length));
        table = new int[table.length * 2];
        int mask = table.length - 1;
        for (int id = 0; id < size; id++) {
            int i = Mix.index(hashes[id >>> PAGE_BITS][id & IN_PAGE], mask);
            while (table[i] != 0) {
                i = (i + 1) & mask;
            }
            table[i] = id + 1;
        }
    }
}
