package dev.actr.codec.fragment;

import org.agrona.DirectBuffer;

/**
 * Receives each fragment a {@link Fragmenter} produces, header included. The buffer is reused for the next
 * fragment: copy what must outlive the call.
 */
@FunctionalInterface
public interface FragmentHandler
{
    /**
     * @param buffer holding the fragment.
     * @param offset of the fragment.
     * @param length of the fragment, header included.
     */
    void onFragment(DirectBuffer buffer, int offset, int length);
}
