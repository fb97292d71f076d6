package dev.actr.codegen;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.SourceCodeInfo.Location;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Lines and comments of a file's declarations, from the {@code SourceCodeInfo} protoc sends with each file to
 * generate. A path names a declaration by field numbers and indexes, e.g. {@code [6, 0, 2, 1]} is the second method
 * of the first service.
 */
final class SourceLocator
{
    private final String fileName;
    private final Map<List<Integer>, Location> locations = new HashMap<>();

    SourceLocator(final FileDescriptorProto file)
    {
        this.fileName = file.getName();
        for (final Location location : file.getSourceCodeInfo().getLocationList())
        {
            locations.putIfAbsent(List.copyOf(location.getPathList()), location);
        }
    }

    /**
     * @param path of a declaration.
     * @return {@code file:line:column} (1-based, as protoc reports its own errors), or the file name alone when
     * the request carries no source info for it.
     */
    String where(final List<Integer> path)
    {
        final Location location = locations.get(path);
        if (location == null || location.getSpanCount() < 2)
        {
            return fileName;
        }
        return fileName + ":" + (location.getSpan(0) + 1) + ":" + (location.getSpan(1) + 1);
    }

    /**
     * @param path of a declaration.
     * @return its leading comment, else its trailing comment, else the empty string; as written, without the
     * comment markers.
     */
    String comment(final List<Integer> path)
    {
        final Location location = locations.get(path);
        if (location == null)
        {
            return "";
        }
        return location.hasLeadingComments() ? location.getLeadingComments() : location.getTrailingComments();
    }
}
