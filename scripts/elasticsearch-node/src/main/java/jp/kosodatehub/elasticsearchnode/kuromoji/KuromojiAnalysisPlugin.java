package jp.kosodatehub.elasticsearchnode.kuromoji;

import java.util.Map;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.ja.JapaneseBaseFormFilter;
import org.apache.lucene.analysis.ja.JapaneseReadingFormFilter;
import org.apache.lucene.analysis.ja.JapaneseTokenizer;
import org.elasticsearch.index.analysis.TokenFilterFactory;
import org.elasticsearch.index.analysis.TokenizerFactory;
import org.elasticsearch.indices.analysis.AnalysisModule.AnalysisProvider;
import org.elasticsearch.plugins.AnalysisPlugin;
import org.elasticsearch.plugins.Plugin;

import jp.kosodatehub.elasticsearchnode.CommonAnalysisPlugin;

/**
 * The kuromoji components kosodate-hub's mappings use, from Lucene's lucene-analysis-kuromoji (what Elastic's
 * analysis-kuromoji plugin wraps; that plugin is not on Maven Central for Elasticsearch 8), with its defaults:
 *
 * <ul>
 *   <li>{@code kuromoji_tokenizer}: JapaneseTokenizer, search mode, punctuation discarded, compound tokens kept,
 *       no user dictionary ({@code mode}, {@code discard_punctuation}, {@code discard_compound_token} honoured);</li>
 *   <li>{@code kuromoji_baseform}: JapaneseBaseFormFilter;</li>
 *   <li>{@code kuromoji_readingform}: JapaneseReadingFormFilter ({@code use_romaji}, default false as in Elastic).</li>
 * </ul>
 *
 * <p>Its package name contains "kuromoji", so {@code _cat/plugins} shows it the way kosodate-hub detects kuromoji.
 */
public class KuromojiAnalysisPlugin extends Plugin implements AnalysisPlugin {

    @Override
    public Map<String, AnalysisProvider<TokenizerFactory>> getTokenizers() {
        return Map.of("kuromoji_tokenizer", (indexSettings, env, name, settings) -> {
            final JapaneseTokenizer.Mode mode = JapaneseTokenizer.Mode.valueOf(
                    settings.get("mode", JapaneseTokenizer.DEFAULT_MODE.toString()).toUpperCase(java.util.Locale.ROOT));
            final boolean discardPunctuation = settings.getAsBoolean("discard_punctuation", true);
            final boolean discardCompound = settings.getAsBoolean("discard_compound_token", false);
            return TokenizerFactory.newFactory(name, () -> new JapaneseTokenizer(
                    TokenStream.DEFAULT_TOKEN_ATTRIBUTE_FACTORY, null, discardPunctuation, discardCompound, mode));
        });
    }

    @Override
    public Map<String, AnalysisProvider<TokenFilterFactory>> getTokenFilters() {
        return Map.of(
                "kuromoji_baseform",
                (indexSettings, env, name, settings) -> CommonAnalysisPlugin.filter(name, JapaneseBaseFormFilter::new),
                "kuromoji_readingform", (indexSettings, env, name, settings) -> {
                    final boolean useRomaji = settings.getAsBoolean("use_romaji", false);
                    return CommonAnalysisPlugin.filter(name, ts -> new JapaneseReadingFormFilter(ts, useRomaji));
                });
    }
}
