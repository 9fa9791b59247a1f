package lab.kb905214.reports.html;

import static lab.kb905214.reports.html.HtmlText.escape;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import lab.kb905214.reports.shard.ShardFolder;

/**
 * The shards a merged report was made from: each shard's folder, build id, commit and profile, in the page and summary.
 */
public final class ShardSection {

    private ShardSection() {}

    /** The section of the page; empty for a report of one unsharded build. */
    static String render(List<ShardFolder> shards) {
        if (shards.isEmpty()) {
            return "";
        }
        StringBuilder html = new StringBuilder("<section id=\"shards\">\n<h2>Shards (")
                .append(shards.size())
                .append(")</h2>\n<p>This report and its gate merge the results of ")
                .append(shards.size())
                .append(" builds, each running its part of the work (<code>-Dlab.shard=K/N</code>); every file must"
                        + " come from the build of its own shard.</p>\n<table id=\"shards-table\">\n<thead><tr>"
                        + "<th>Shard</th><th>Build id</th><th>Commit</th><th>Profile</th><th>Files</th><th>Folder</th>"
                        + "</tr></thead>\n<tbody>\n");
        for (ShardFolder shard : shards) {
            html.append("<tr><td>")
                    .append(shard.shard())
                    .append("</td><td><code>")
                    .append(escape(shard.buildId()))
                    .append("</code></td><td><code>")
                    .append(escape(shard.commit()))
                    .append("</code></td><td>")
                    .append(escape(shard.profile()))
                    .append("</td><td class=\"num\">")
                    .append(shard.runs().size())
                    .append("</td><td><code>")
                    .append(escape(shard.dir().toString()))
                    .append("</code></td></tr>\n");
        }
        return html.append("</tbody>\n</table>\n</section>\n").toString();
    }

    /** {@code [{"shard": "1/2", "buildId", "commit", "profile", "files", "folder"}, ...]} for summary.json. */
    public static ArrayNode summary(List<ShardFolder> shards) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (ShardFolder shard : shards) {
            ObjectNode node = array.addObject();
            node.put("shard", shard.shard().toString());
            node.put("buildId", shard.buildId());
            node.put("commit", shard.commit());
            node.put("profile", shard.profile());
            node.put("files", shard.runs().size());
            node.put("folder", shard.dir().toString());
        }
        return array;
    }
}
