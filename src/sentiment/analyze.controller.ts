import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { AnalyzeTextDto, TextSentimentDto } from './dto/analyze.dto';
import { TextScoringService } from './text-scoring.service';
import { API_TAGS } from '../core/docs/api-tags';

/** The spec's original path for text scoring; the same as POST /api/sentiment/analyze. */
@ApiTags(API_TAGS.sentiment)
@Controller('api/analyze')
export class AnalyzeController {
  constructor(private readonly scoring: TextScoringService) {}

  @Post('text')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Score one text POSITIVE/NEGATIVE (same as POST /api/sentiment/analyze)',
  })
  text(@Body() body: AnalyzeTextDto): Promise<TextSentimentDto> {
    return this.scoring.one(body.text);
  }
}
